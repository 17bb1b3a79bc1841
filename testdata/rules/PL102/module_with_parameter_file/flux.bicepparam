using './flux.bicep'

param clusterName = 'aks1'
param repoUrl = 'https://dev.azure.com/contoso/infra/_git/config'
