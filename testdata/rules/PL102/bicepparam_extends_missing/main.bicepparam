using './main.bicep'
extends '../../shared/flux.bicepparam'

param repoUrl = 'https://dev.azure.com/contoso/infra/_git/config'
