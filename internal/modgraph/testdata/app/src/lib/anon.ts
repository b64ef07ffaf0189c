export default async function () {
  return { step: 1 };
}
