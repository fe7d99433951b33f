import type { AppProps } from 'next/app'
import { Provider } from 'react-redux'
import { Layout } from '../components/Layout'
import { wrapper } from '../lib/store'

export default function App({ Component, ...rest }: AppProps) {
  // Hydrates the store with the state each page's getStaticProps/getServerSideProps sent.
  const { store, props } = wrapper.useWrappedStore(rest)
  return (
    <Provider store={store}>
      <Layout>
        <Component {...props.pageProps} />
      </Layout>
    </Provider>
  )
}
