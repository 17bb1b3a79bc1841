// The extension comes from a registry module Bicep has not restored here (patless
// cannot read it): it may install microsoft.flux on the cluster, so PL106 stays silent.
resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-unread-module'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module flux 'br:contoso.azurecr.io/bicep/modules/flux-extension:1.0.0' = {
  name: 'flux-extension'
  params: {
    clusterName: aks.name
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'cluster-config'
  dependsOn: [ flux ]
  properties: {
    gitRepository: { url: 'https://github.com/contoso/config' }
  }
}
