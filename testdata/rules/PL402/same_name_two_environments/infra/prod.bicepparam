using './identity.bicep'
param issuer = 'https://westeurope.oic.prod-aks.azure.com/tenant/prod/'
param subject = 'system:serviceaccount:flux-system:source-controller'
