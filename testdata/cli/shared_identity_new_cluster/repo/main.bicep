// One identity runs Flux on two clusters, blue and green; the green cluster was added
// without a credential of its own. The blue credential is right for blue: the finding
// says to keep it and add one for green.

resource blue 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks-blue'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'blue'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
resource green 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks-green'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'green'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}
resource ficBlue 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: id
  name: 'flux-blue'
  properties: {
    issuer: blue.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
resource fluxBlue 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: blue
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': id.properties.clientId
    }
  }
}
resource fluxGreen 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: green
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': id.properties.clientId
    }
  }
}
