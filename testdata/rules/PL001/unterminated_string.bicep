// PL001 fires at a string that runs to the end of its line.
// expect: PL001 error 11-59
var url = 'https://dev.azure.com/contoso/infra/_git/config
var next = 1
