const jwt = require("jsonwebtoken");

exports.issue = function issue(sub) {
  return jwt.sign({ sub }, process.env.SECRET);
};
