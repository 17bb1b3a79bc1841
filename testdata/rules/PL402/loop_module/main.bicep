// A module that loops over the credentials its caller passes (as AVM's identity
// module does): the caller's typo is reported in the module, deployed by the caller.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-loop-module'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-loop-module'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxIdentity 'identity.bicep' = {
  name: 'flux-identity'
  params: {
    name: 'id-flux-loop-module'
    federatedIdentityCredentials: [
      {
        name: 'flux'
        issuer: aks.properties.oidcIssuerProfile.issuerURL
        subject: 'system:serviceaccount:flux-system:source-controller '
        audiences: [ 'api://AzureADTokenExchange' ]
      }
    ]
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.outputs.clientId
    }
  }
}
