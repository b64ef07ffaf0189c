export function track(event: string) {
  console.log(event);
}
