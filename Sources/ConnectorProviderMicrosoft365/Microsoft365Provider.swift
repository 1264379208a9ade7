// The Microsoft 365 provider (in progress).
