// PL001 fires: an unterminated object.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  properties: {
    dnsPrefix: 'aks'
    // expect: PL001 error 11-12
    oidc: = true
  }
}
