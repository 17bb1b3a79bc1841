// PL301 and PL302 stay silent on AKS Automatic, which has the OIDC issuer and
// workload identity on without the template writing them, and on a cluster whose
// SKU comes from a parameter without default (it may be Automatic). A Base SKU
// still needs them written (on Kubernetes 1.34 or later AKS turns the OIDC issuer
// on in a cluster it creates: PL301 is a warning there).
param sku string

resource automatic 'Microsoft.ContainerService/managedClusters@2025-03-01' = {
  name: 'aks-automatic'
  location: 'westeurope'
  sku: {
    name: 'Automatic'
    tier: 'Standard'
  }
  identity: { type: 'SystemAssigned' }
  properties: {
    agentPoolProfiles: [
      { name: 'system', mode: 'System', count: 3 }
    ]
  }
}

resource fluxOnAutomatic 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: automatic
  properties: { extensionType: 'microsoft.flux' }
}

resource chosen 'Microsoft.ContainerService/managedClusters@2025-03-01' = {
  name: 'aks-chosen'
  location: 'westeurope'
  sku: {
    name: sku
    tier: 'Standard'
  }
  identity: { type: 'SystemAssigned' }
  properties: {}
}

resource fluxOnChosen 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: chosen
  properties: { extensionType: 'microsoft.flux' }
}

resource base 'Microsoft.ContainerService/managedClusters@2025-03-01' = {
  name: 'aks-base'
  location: 'westeurope'
  sku: {
    name: 'Base'
    tier: 'Free'
  }
  identity: { type: 'SystemAssigned' }
  // expect: PL301 warning 3-13
  // expect: PL302 error 3-13
  properties: {
    agentPoolProfiles: [
      { name: 'system', mode: 'System', count: 3 }
    ]
  }
}

resource fluxOnBase 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: base
  properties: { extensionType: 'microsoft.flux' }
}
