using './cluster.bicep'
param clusterName = 'aks-platform'
param oidc = false
