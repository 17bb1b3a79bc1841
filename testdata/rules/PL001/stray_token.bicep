// PL001 fires at a closing bracket that closes nothing.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  // expect: PL001 error 16-17
  name: 'aks1' )
}
