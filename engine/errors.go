package engine

// Error texts exactly as Redis 7.0 writes them. Those with a %s take a name.
const (
	ErrSyntax          = "ERR syntax error"
	ErrWrongType       = "WRONGTYPE Operation against a key holding the wrong kind of value"
	ErrNotInteger      = "ERR value is not an integer or out of range"
	ErrNotFloat        = "ERR value is not a valid float"
	ErrOverflow        = "ERR increment or decrement would overflow"
	ErrIncrFloatNaN    = "ERR increment would produce NaN or Infinity"
	ErrNoSuchKey       = "ERR no such key"
	ErrDBIndex         = "ERR DB index is out of range"
	ErrInvalidDB       = "ERR invalid DB index"
	ErrInvalidExpire   = "ERR invalid expire time in '%s' command"
	ErrWrongArgs       = "ERR wrong number of arguments for '%s' command"
	ErrUnknownSubcmd   = "ERR unknown subcommand '%s'. Try %s HELP."
	ErrStringTooLong   = "ERR string exceeds maximum allowed size (proto-max-bulk-len)"
	ErrOffsetRange     = "ERR offset is out of range"
	ErrNotIntegerOrOOR = ErrNotInteger
	ErrSameObject      = "ERR source and destination objects are the same"
	ErrProtocolVersion = "NOPROTO unsupported protocol version"
)
