"""Log parsers. Each format has one module that turns a file into a `ParsedLog`."""
