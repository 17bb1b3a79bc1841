// PL304 stays silent: managed identities, an identity patless cannot know, a cluster without Flux.
param identity object

resource systemAssigned 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-system'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnSystemAssigned 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: systemAssigned
  properties: { extensionType: 'microsoft.flux' }
}

resource fromParameter 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-parameter'
  location: 'westeurope'
  identity: identity
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnParameter 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: fromParameter
  properties: { extensionType: 'microsoft.flux' }
}

resource noFlux 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-no-flux'
  location: 'westeurope'
  properties: {}
}
