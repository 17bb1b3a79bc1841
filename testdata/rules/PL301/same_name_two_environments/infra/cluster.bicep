// PL301/PL302 stay silent: dev and prod deploy a cluster of the same name (in their own
// resource groups), dev without OIDC. flux/flux.bicep names 'aks-platform' as an existing
// cluster: which of the two it is, the code does not say.
param clusterName string
param oidc bool

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: clusterName
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: oidc }
    securityProfile: { workloadIdentity: { enabled: oidc } }
  }
}
