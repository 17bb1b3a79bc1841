// The extension's settings, client id included, come whole from the caller
// (as in the AVM extension module): the identity is the one main.bicep names.
param clusterName string
param settings object

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: clusterName
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    // expect: PL401 error 28-36
    configurationSettings: settings
  }
}
