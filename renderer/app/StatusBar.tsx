export function StatusBar({ message }: { message: string }) {
  return (
    <footer className="status-bar" role="status">
      {message}
    </footer>
  );
}
