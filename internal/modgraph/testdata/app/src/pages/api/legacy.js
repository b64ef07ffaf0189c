const tokens = require("../../lib/tokens");
const { verify, check: isValid } = require("../../lib/legacy");
const jwt = require("jsonwebtoken");
import legacyDefault from "../../lib/tokens";

export default function handler(req, res) {
  if (!verify(req.headers.authorization)) return res.status(401).end();
  res.json({ token: tokens.issue(req.query.sub), ok: isValid(req.query.t), decoded: jwt.decode(req.query.t) });
}
