// Credentials built with a for-expression or map() over names patless knows: one per
// item, and the namespace typo in one of them is reported (fires).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-for-expression'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-for-expression'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-for-expression'
  location: 'westeurope'
}

var controllers = [ 'source-controller', 'image-reflector-controller' ]
var subjects = [for c in controllers: 'system:serviceaccount:flux-sytem:${c}']
var credentials = map(range(0, length(subjects)), i => { name: controllers[i], subject: subjects[i] })

@batchSize(1)
resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for c in credentials: {
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
