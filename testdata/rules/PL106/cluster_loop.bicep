// PL106: clusters of a loop each get an extension through aks[i]; those of the
// second loop get configurations and no extension.
param names array = [
  'aks-a'
  'aks-b'
]

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = [for name in names: {
  name: name
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: name
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}]

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = [for (name, i) in names: {
  name: 'flux'
  scope: aks[i]
  properties: {
    extensionType: 'microsoft.flux'
  }
}]

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = [for (name, i) in names: {
  name: 'config'
  scope: aks[i]
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
  dependsOn: [ flux ]
}]

resource other 'Microsoft.ContainerService/managedClusters@2024-02-01' = [for name in names: {
  name: 'other-${name}'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'other-${name}'
  }
}]

// expect: PL106 warning 1-21
resource otherConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = [for (name, i) in names: {
  name: 'config'
  scope: other[i]
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
}]
