export default function AlertsPage() {
  return null;
}
