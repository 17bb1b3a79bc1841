// PL304 fires: Flux clusters without a managed identity.
@secure()
param clientSecret string

// expect: PL304 error 1-26
resource servicePrincipal 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-sp'
  location: 'westeurope'
  properties: {
    servicePrincipalProfile: {
      clientId: '00000000-0000-0000-0000-000000000000'
      secret: clientSecret
    }
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnServicePrincipal 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: servicePrincipal
  properties: { extensionType: 'microsoft.flux' }
}

resource none 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-none'
  location: 'westeurope'
  // expect: PL304 error 21-27
  identity: { type: 'None' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnNone 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: none
  properties: { extensionType: 'microsoft.flux' }
}
