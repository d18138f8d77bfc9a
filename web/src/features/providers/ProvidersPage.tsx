export default function ProvidersPage() {
  return null;
}
