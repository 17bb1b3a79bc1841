// PL001 stays silent: valid Bicep with the constructs the reader must handle.
@description('The cluster name')
@minLength(3)
param clusterName string = 'aks-${uniqueString(resourceGroup().id)}'
param tags object = {}
var location = resourceGroup().location
var multiline = '''
a // not a comment
'''

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = if (!empty(clusterName)) {
  name: clusterName
  location: location
  tags: tags
  properties: {
    agentPoolProfiles: [for i in range(0, 2): {
      name: 'pool${i}'
      count: 1
    }]
  }
}

module identity './identity.bicep' = {
  name: 'identity'
  params: { name: clusterName, note: multiline }
}

output id string = aks.id
