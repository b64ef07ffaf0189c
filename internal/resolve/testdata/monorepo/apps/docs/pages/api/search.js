import { search } from "~/lib/search";

export default function handler(req, res) {
  res.json(search(req.query.q));
}
