// PL106: an extension whose extensionType is a parameter (a generic extension
// module's) may be microsoft.flux: its cluster is left alone. A spread before a
// written extensionType does not change it: that cluster has no Flux.
param extensionType string
param extensionProperties object

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource aks2 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks2'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource anyExtension 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'ext'
  scope: aks
  properties: {
    extensionType: extensionType
  }
}

resource spreadExtension 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'monitoring'
  scope: aks2
  properties: {
    ...extensionProperties
    extensionType: 'microsoft.azuremonitor.containers'
  }
}

resource backupExtension 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'backup'
  scope: aks2
  properties: {
    extensionType: 'microsoft.dataprotection.kubernetes'
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

// expect: PL106 warning 1-17
resource config2 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks2
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
