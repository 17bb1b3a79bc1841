// Unrelated infrastructure that nothing here deploys.
param name string = 'logs'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

output id string = account.id
