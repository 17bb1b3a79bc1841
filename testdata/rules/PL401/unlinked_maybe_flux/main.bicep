// Credentials on identities patless cannot tell that may be Flux's: one whose
// subject is a parameter, one with Flux's subject. Either may make Flux's
// identity whole: silent.
param otherIdentityName string
param otherSubject string

resource aks 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}

resource unknownSubject 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  name: '${otherIdentityName}/workload'
  properties: {
    issuer: 'https://token.actions.githubusercontent.com'
    subject: otherSubject
    audiences: ['api://AzureADTokenExchange']
  }
}

resource ext 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
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
