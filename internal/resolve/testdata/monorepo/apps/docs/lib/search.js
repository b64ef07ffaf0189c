export function search(q) {
  return [q];
}
