// PL001 fires where the '=' of a declaration belongs.
var ok = 'fine'
// expect: PL001 error 19-20
var broken string 'value'
