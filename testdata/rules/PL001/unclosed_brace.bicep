// PL001 fires at the brace that is never closed, not at the end of the file.
// expect: PL001 error 72-73
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  properties: {
    dnsPrefix: 'aks'
}
