// PL406 notes: a literal client id, which patless cannot trace to an identity.
// expect: PL406 note 20-58
var fluxClientId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxClientId
    }
  }
}
