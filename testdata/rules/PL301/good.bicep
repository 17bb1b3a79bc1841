// PL301 stays silent: OIDC on, unknown, existing clusters, clusters without Flux.
param oidc bool

resource enabled 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-enabled'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnEnabled 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: enabled
  properties: { extensionType: 'microsoft.flux' }
}

resource unknown 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: oidc }
    securityProfile: { workloadIdentity: { enabled: oidc } }
  }
}

resource fluxOnUnknown 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: unknown
  properties: { extensionType: 'microsoft.flux' }
}

// Deployed elsewhere: not this code's to fix.
resource existingCluster 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-existing'
}

resource fluxOnExisting 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: existingCluster
  properties: { extensionType: 'microsoft.flux' }
}

// No Flux on this cluster.
resource plain 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-plain'
  location: 'westeurope'
  properties: {}
}
