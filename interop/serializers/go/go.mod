module membrane-token/interop/serializers/go

// The go122 build uses this module (Go 1.22+ language and GODEBUG defaults).
// The go119 build ignores it: run.sh builds main.go with GO111MODULE=off and
// Debian's Go 1.19. Standard library only.
go 1.22
