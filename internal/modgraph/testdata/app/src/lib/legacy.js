const { verify: jwtVerify, decode } = require("jsonwebtoken");

function verify(token) {
  return jwtVerify(token, process.env.SECRET);
}

module.exports = { verify, check: verify, decode, version: "1" };
