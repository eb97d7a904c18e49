module podling.dev/tools/podinit

go 1.22
