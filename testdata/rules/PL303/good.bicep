// PL303 stays silent: a recent API version, an old one on a cluster without Flux, or one the scan does not deploy.
resource recent 'Microsoft.ContainerService/managedClusters@2023-02-01' = {
  name: 'aks-recent'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnRecent 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: recent
  properties: { extensionType: 'microsoft.flux' }
}

// A preview version may have had the settings before the GA did.
resource preview 'Microsoft.ContainerService/managedClusters@2022-06-02-preview' = {
  name: 'aks-preview'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnPreview 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: preview
  properties: { extensionType: 'microsoft.flux' }
}

resource noFlux 'Microsoft.ContainerService/managedClusters@2021-05-01' = {
  name: 'aks-no-flux'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {}
}

resource existingOld 'Microsoft.ContainerService/managedClusters@2021-05-01' existing = {
  name: 'aks-existing'
}

resource fluxOnExisting 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: existingOld
  properties: { extensionType: 'microsoft.flux' }
}
