// A loop over credentials patless knows is a credential for each item: a typo in one
// item is reported where the loop writes the subject (fires). A loop over a parameter
// without default is unknown (silent).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-loop'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-loop'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-loop'
  location: 'westeurope'
}

var credentials = [
  { name: 'orders', subject: 'system:serviceaccount:shop:orders' }
  { name: 'flux', subject: 'system:serviceaccount:flux-system:source-controler' }
]

@batchSize(1)
resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for (c, i) in credentials: {
  parent: fluxIdentity
  name: c.name
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    // expect: PL402 error 14-23
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
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}

param otherCredentials array

resource other 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-loop-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-loop-unknown'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource otherIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-loop-unknown'
  location: 'westeurope'
}

@batchSize(1)
resource otherCredential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for c in otherCredentials: {
  parent: otherIdentity
  name: c.name
  properties: {
    issuer: other.properties.oidcIssuerProfile.issuerURL
    subject: c.subject
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

resource otherFlux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: other
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': otherIdentity.properties.clientId
    }
  }
}
