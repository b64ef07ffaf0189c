import { requireAdmin } from "./auth";

const handler = async (req: Request) => {
  await requireAdmin();
  return new Response(req.url);
};

export default handler;
