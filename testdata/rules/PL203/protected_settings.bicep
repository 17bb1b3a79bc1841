// The extension takes configurationProtectedSettings as it takes
// configurationSettings: workload identity set there is set. The first extension
// stays silent; the second misspells a key there, which PL203 names.
param clusterName string
param identityName string

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource cluster 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: clusterName
}

resource fluxExtension 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: cluster
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationProtectedSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cluster-config'
  scope: cluster
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource otherCluster 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: 'aks-other'
}

resource otherExtension 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: otherCluster
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
    }
    configurationProtectedSettings: {
      // expect: PL203 error 7-34
      'workloadIdentity.clientId': fluxIdentity.properties.clientId
    }
  }
}

resource otherConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cluster-config'
  scope: otherCluster
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
