using none

var providerName = 'Azure'
param repoUrl = 'https://dev.azure.com/contoso/infra/_git/config'
param provider = providerName
