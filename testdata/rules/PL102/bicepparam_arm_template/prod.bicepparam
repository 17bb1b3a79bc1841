using './main.json'

param repoUrl = 'https://dev.azure.com/contoso/infra/_git/config'
param provider = 'Azure'
