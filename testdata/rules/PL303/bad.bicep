// PL303 fires: Flux clusters on managedClusters API versions without the OIDC issuer or workload identity.
// expect: PL303 error 61-71
resource oldest 'Microsoft.ContainerService/managedClusters@2022-07-01' = {
  name: 'aks-oldest'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnOldest 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: oldest
  properties: { extensionType: 'microsoft.flux' }
}

// expect: PL303 error 58-68
resource old 'Microsoft.ContainerService/managedClusters@2022-11-01' = {
  name: 'aks-old'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnOld 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: old
  properties: { extensionType: 'microsoft.flux' }
}
