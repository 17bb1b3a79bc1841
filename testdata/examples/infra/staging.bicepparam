using './staging.bicep'

param clusterName = 'aks-staging'
param configRepoUrl = 'https://dev.azure.com/contoso/platform/_git/cluster-config'
