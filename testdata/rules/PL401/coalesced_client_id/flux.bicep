param clusterName string
param defaultClientId string
@description('Optional. Another identity for Flux; the caller\'s by default.')
param clientIdOverride string?

resource aks 'Microsoft.ContainerService/managedClusters@2024-10-01' existing = {
  name: clusterName
}

resource ext 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // Not passed, the override is null: Flux runs as defaultClientId's identity.
      // expect: PL401 error 61-76
      'workloadIdentity.azureClientId': clientIdOverride ?? defaultClientId
    }
  }
}
