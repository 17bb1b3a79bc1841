resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stcontoso'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
