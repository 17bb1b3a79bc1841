using './main.bicep'
extends './shared.bicepparam'

param repoUrl = 'https://dev.azure.com/contoso/infra/_git/config'
