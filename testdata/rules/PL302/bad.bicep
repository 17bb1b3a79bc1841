// PL302 fires: clusters that run microsoft.flux without workload identity.
resource missing 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-missing'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  // expect: PL302 error 3-13
  properties: {
    oidcIssuerProfile: { enabled: true }
  }
}

resource fluxOnMissing 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: missing
  properties: { extensionType: 'microsoft.flux' }
}

resource noWorkloadIdentity 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-partial'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    // expect: PL302 error 5-20
    securityProfile: {
      defender: { securityMonitoring: { enabled: true } }
    }
  }
}

resource fluxOnPartial 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: noWorkloadIdentity
  properties: { extensionType: 'microsoft.flux' }
}
