// A credential loop over a collection patless knows to be empty, or whose every item
// its condition leaves out, makes no credential (fires).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-empty-loop'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-empty-loop'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-empty-loop'
  location: 'westeurope'
}

var credentials = [
  { name: 'flux', subject: 'system:serviceaccount:flux-system:source-controller', enabled: false }
]

@batchSize(1)
resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for c in credentials: if (c.enabled) {
  parent: fluxIdentity
  name: c.name
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: c.subject
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // expect: PL401 error 41-73
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}
