// PL302 stays silent: workload identity on, or a securityProfile it cannot see.
param securityProfile object

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

resource fromParameter 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-parameter'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: securityProfile
  }
}

resource fluxOnParameter 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: fromParameter
  properties: { extensionType: 'microsoft.flux' }
}
