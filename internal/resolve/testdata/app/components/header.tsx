export default function Header(props: { children: React.ReactNode }) {
  return <header>{props.children}</header>;
}
